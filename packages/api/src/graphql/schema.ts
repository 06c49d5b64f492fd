import type { GraphQLSchema } from 'graphql';
import { type AuthChecker, buildSchema } from 'type-graphql';
import type { Container } from '../common/container';
import { UnauthenticatedError } from '../common/errors';
import type { GraphQLContext } from '../common/graphql-context';
import { resolvers } from './resolvers';

/** `@Authorized()` means signed in; `@Authorized(Role.X, …)` also checks the role. Ownership is checked in services. */
export const authChecker: AuthChecker<GraphQLContext> = ({ context }, roles) => {
  // type-graphql reports any refusal of a role-restricted field as FORBIDDEN; an anonymous caller should be asked to sign in.
  if (!context.actor) throw new UnauthenticatedError();
  return roles.length === 0 || roles.includes(context.actor.role);
};

export function createSchema(container?: Container): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    container,
    authChecker,
    authMode: 'error',
    validate: { forbidUnknownValues: false },
    emitSchemaFile: false,
  });
}
