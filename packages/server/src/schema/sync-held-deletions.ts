import { viewerOf } from '../context.ts';
import { builder } from './builder.ts';
import { CertificateConnection } from './certificates.ts';
import { forwardPage, forwardPageArgs, keysetPageConnection } from './connections.ts';
import { SyncRun } from './sync.ts';

// A held run's pending soft deletions, for the admin deciding whether to confirm it: the list, not
// only the count.
builder.objectField(SyncRun, 'heldDeletions', (t) =>
  t.field({
    type: CertificateConnection,
    description:
      'The certificates confirming this HELD run would soft-delete, in id order; empty for a run that is not ' +
      'held. `totalCount` counts them all. Pages forwards (`first`, `after`).',
    args: forwardPageArgs(t.arg),
    resolve: async (run, args, ctx) => {
      const page = await ctx.core.sync.heldDeletions(run.id, forwardPage(args), viewerOf(ctx).actor);
      return { ...keysetPageConnection(args, page), totalCount: page.ok ? page.value.totalCount : 0 };
    },
  }),
);
