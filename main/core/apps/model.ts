import { z } from 'zod';

/** App names are used as vault keys, file names and CLI arguments: keep them boring. */
export const APP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A well-formed IAM role ARN: arn:PARTITION:iam::ACCOUNT:role/[PATH/]NAME */
export const ROLE_ARN = /^arn:(aws|aws-us-gov|aws-cn):iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;

export const AppSchema = z.object({
  name: z.string().regex(APP_NAME),
  uri: z.string().url(),
  partition: z.enum(['aws', 'aws-us-gov', 'aws-cn']),
  region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d+$/),
  labels: z.record(z.string(), z.string()),
  roleArns: z.array(z.string().regex(ROLE_ARN)),
  /** service → base URL (DynamoDB Local, LocalStack, test fixtures). */
  endpoints: z.record(z.string(), z.string().url()),
  stsEndpoint: z.string().url().optional(),
  mfaSerial: z.string().optional(),
  createdAt: z.string(),
});

export type App = z.infer<typeof AppSchema>;

export const ConfigSchema = z.object({
  apps: z.array(AppSchema),
});

export type ConfigData = z.infer<typeof ConfigSchema>;
