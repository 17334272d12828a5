import * as z from 'zod/mini';
import { startEngines } from './engines';

/**
 * The local engines in a process of their own, so dynalite's LevelDB and the server do not share
 * one event loop and one core. Started by `startEnginesInChild`; speaks to it over IPC, and stops
 * when told to or when its parent goes away (so an interrupted parent leaves nothing running).
 */
const options = z
  .object({ dynamoPath: z.optional(z.string().check(z.minLength(1))) })
  .parse(JSON.parse(process.argv[2] ?? '{}'));

const engines = await startEngines(options);
const stop = () => {
  engines.stop().finally(() => process.exit(0));
};
process.on('message', (message) => {
  if (message === 'stop') stop();
});
process.on('disconnect', stop);
process.send?.({ dynamoEndpoint: engines.dynamoEndpoint, sesEndpoint: engines.sesEndpoint });
