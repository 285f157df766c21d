import { defineConfig } from 'vitest/config';

// Vitest (unit, integration); the renderer build has its own vite.config.ts.
export default defineConfig({
  root: '.',
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Integration tests start servers and real CLIs; two cores, so keep parallelism modest.
    maxWorkers: 2,
    reporters: ['default'],
    // Node 20 is supported here; the SDK's future-Node notice is not a test result.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
