/** A JSON object whose fields the mock keeps verbatim, known or not (a PUT replaces all of it). */
export type JsonObject = Record<string, unknown>;

/**
 * One API as the Dashboard stores it. `definition` is always the classic `api_definition`; for
 * an OAS API it is kept in step with `oas`, the way the Dashboard shows OAS APIs in `/api/apis`
 * with `is_oas: true`. The Gateway side reads only `definition`.
 */
export interface StoredApi {
  /** The internal `id` (a Mongo ObjectId). */
  readonly dbId: string;
  definition: JsonObject;
  oas: JsonObject | undefined;
  readonly createdAt: string;
  updatedAt: string;
  /** Bumped on every write, so the gateway rebuilds its allow list only when the definition changed. */
  revision: number;
}
