import type { z } from 'zod';
import type { calls, Channel, Response } from '../../preload/contract';

/** A handler gets the request as validated (defaults applied) and answers the channel's response. */
export type Handler<C extends Channel> = (req: z.output<(typeof calls)[C]['request']>) => Promise<Response<C>>;
export type HandlersFor<C extends Channel> = { [K in C]: Handler<K> };
export type Handlers = HandlersFor<Channel>;
