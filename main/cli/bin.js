#!/usr/bin/env node
// Runs the TypeScript CLI straight from a checkout: no separate build step for the user.
import { register } from 'tsx/esm/api';

register();
await import('./index.ts');
