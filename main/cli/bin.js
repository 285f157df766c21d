#!/usr/bin/env node
// Runs the TypeScript CLI straight from a checkout: no separate build step for the user.
import { register } from 'tsx/esm/api';

// The AWS SDK warns on every run under Node 20 about its future Node 22 requirement; that is a
// note for whoever upgrades the SDK (see README), not for someone logging in.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

register();
await import('./index.ts');
