import { builder } from './builder.ts';

// Every root field needs an authenticated caller; admin-only fields add `authScopes: { admin: true }`.
builder.queryType({
  description: 'What the portal can tell its caller. Every field needs `Authorization: Bearer <token>`.',
  authScopes: { loggedIn: true },
});

builder.mutationType({
  description:
    'Changes, each `<object><Action>(input:)` returning a payload with the object and `userErrors`.',
  authScopes: { loggedIn: true },
});

builder.subscriptionType({
  description: 'Live progress, over server-sent events (`Accept: text/event-stream`).',
  authScopes: { loggedIn: true },
});
