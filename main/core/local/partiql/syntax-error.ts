/** A statement that does not parse; the message follows DynamoDB's wording. */
export class PartiqlSyntaxError extends Error {
  constructor(detail: string) {
    super(`Statement wasn't well formed, can't be processed: ${detail}`);
    this.name = 'ValidationException';
  }
}
