import { builder } from './builder.ts';
import { User } from './users.ts';

builder.queryField('viewer', (t) =>
  t.withAuth({ loggedIn: true }).field({
    type: User,
    description: 'The caller: who the bearer token stands for, with its role and organisation.',
    resolve: (_root, _args, ctx) => ctx.viewer.user,
  }),
);
