/**
 * The expression builders in one place: placeholders and conditions, read plans (Query or Scan),
 * and the conditional writes of the item editor. Each part lives in its own file.
 */
export { conditionExpression, conditionProblem, describePath, Placeholders, renderCondition } from './conditions';
export { buildRead, planRead } from './read-plan';
export type { BuiltRead, TableKeys } from './read-plan';
export { buildCreate, buildExpectedCondition, buildUpdate } from './write-plan';
export type { ExpectedCondition } from './write-plan';
