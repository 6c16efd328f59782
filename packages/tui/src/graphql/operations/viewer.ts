// Who the token stands for: the startup check.
// The documents live in viewer.graphql; GraphQL Code Generator types them (../generated.ts).
import type * as G from '../generated.ts';

export { ViewerDocument as ViewerQuery } from '../generated.ts';

export type Viewer = G.ViewerQuery['viewer'];
