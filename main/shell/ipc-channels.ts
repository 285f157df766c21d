/**
 * The two IPC channel names between the preload and the main process. Everything the renderer
 * may ask goes through one invoke channel, checked against preload/contract.ts on the main side.
 */
export const INVOKE_CHANNEL = 'airlock:invoke';
export const EVENT_CHANNEL = 'airlock:event';
