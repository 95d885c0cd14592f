// One care-team API route as data: what it accepts, what it answers, the
// use-case it calls. The router (api-routes.ts) serves these and openapi.ts
// documents them.
import type { Request, Response } from 'express';
import type { z } from 'zod';

/** One route: what it accepts, what it answers, and the use-case it calls. */
export interface ApiOperation {
  method: 'get' | 'post' | 'patch';
  /** Express syntax (`/api/patients/:id`); `:id` is always a patient id. */
  path: string;
  operationId: string;
  summary: string;
  body?: z.ZodType;
  query?: z.ZodObject;
  ok: { status: number; description: string; schema: z.ZodType };
  /** Error statuses this route can answer (besides 500). */
  errors: number[];
  /** `res` carries who is calling (res.locals.principal, set by the API's authentication). */
  run(req: Request, input: { body: unknown; query: unknown }, res: Response): Promise<unknown>;
}

type Spec<B extends z.ZodType, Q extends z.ZodObject> = Omit<ApiOperation, 'run' | 'body' | 'query'> & {
  body?: B;
  query?: Q;
  run(req: Request, input: { body: z.output<B>; query: z.output<Q> }, res: Response): Promise<unknown>;
};
/** Keeps `run`'s input typed by the operation's own schemas. */
export const operation = <B extends z.ZodType = z.ZodUndefined, Q extends z.ZodObject = z.ZodObject>(spec: Spec<B, Q>): ApiOperation => spec as unknown as ApiOperation;
