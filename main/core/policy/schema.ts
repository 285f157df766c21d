import { z } from 'zod';

/**
 * The resources a policy file may hold, in Teleport's YAML shape. Fields Airlock does not use
 * (logins, node_labels, options, spec.roles, ...) are accepted and ignored, like Teleport ignores
 * unknown fields; the ones it uses are checked.
 */

export const RESOURCE_KINDS = ['role', 'user'] as const;
export const ROLE_VERSIONS = ['v5', 'v6', 'v7'] as const;

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

const text = (what: string) => z.string({
  error: (iss) => (iss.input === undefined ? `missing ${what}` : `expected ${what} (a string), got ${typeName(iss.input)}`),
});

const textList = (what: string) => z.array(z.string({ error: (iss) => `expected ${what} (a string), got ${typeName(iss.input)}` }), {
  error: (iss) => `expected a list of ${what}s, got ${typeName(iss.input)}`,
});

const Metadata = z.object({ name: text('metadata.name').min(1, { error: 'metadata.name is empty' }) }, {
  error: (iss) => (iss.input === undefined ? 'missing metadata' : `expected metadata to be a mapping, got ${typeName(iss.input)}`),
});

export const LabelValuesSchema = z.union([z.string(), z.array(z.string())], {
  error: (iss) => `expected a label value or a list of label values (strings), got ${typeName(iss.input)}`,
});

export const RoleConditionsSchema = z.object({
  app_labels: z.record(z.string(), LabelValuesSchema, {
    error: (iss) => `expected a mapping of label → value(s), got ${typeName(iss.input)}`,
  }).nullish(),
  aws_role_arns: textList('role ARN').nullish(),
}, { error: (iss) => `expected a mapping, got ${typeName(iss.input)}` });

export const RoleResourceSchema = z.object({
  kind: z.literal('role'),
  version: z.enum(ROLE_VERSIONS, {
    error: (iss) => (iss.input === undefined
      ? `missing version (use ${ROLE_VERSIONS.join(', ')})`
      : `version ${JSON.stringify(iss.input)} of kind role is not supported (use ${ROLE_VERSIONS.join(', ')})`),
  }),
  metadata: Metadata,
  spec: z.object({
    allow: RoleConditionsSchema.nullish(),
    deny: RoleConditionsSchema.nullish(),
  }, { error: (iss) => `expected spec to be a mapping, got ${typeName(iss.input)}` }).nullish(),
});

export const UserResourceSchema = z.object({
  kind: z.literal('user'),
  version: z.literal('v2', {
    error: (iss) => `version ${JSON.stringify(iss.input)} of kind user is not supported (use v2)`,
  }).optional(),
  metadata: Metadata,
  spec: z.object({
    traits: z.record(z.string(), textList('trait value'), {
      error: (iss) => `expected a mapping of trait → list of values, got ${typeName(iss.input)}`,
    }).nullish(),
  }, { error: (iss) => `expected spec to be a mapping, got ${typeName(iss.input)}` }).nullish(),
});

export type RoleResource = z.infer<typeof RoleResourceSchema>;
export type UserResource = z.infer<typeof UserResourceSchema>;
export type RoleConditionsResource = z.infer<typeof RoleConditionsSchema>;
