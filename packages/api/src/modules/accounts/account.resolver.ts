import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { AppSettings, Service } from '../../common/container';
import type { GraphQLContext } from '../../graphql/context';
import { AccountService, type IssuedSession } from './account.service';
import { AuthPayload } from './auth-payload.type';
import { LoginInput } from './inputs/login.input';
import { RegisterParentInput } from './inputs/register-parent.input';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import { User } from './user.entity';

@Service()
@Resolver()
export class AccountResolver {
  constructor(
    private readonly accounts: AccountService,
    private readonly settings: AppSettings,
  ) {}

  @Query(() => User, { nullable: true, description: 'The signed-in user, or null' })
  me(@Ctx() ctx: GraphQLContext): Promise<User | null> {
    return this.accounts.me(ctx.actor);
  }

  @Mutation(() => AuthPayload, { description: 'Registers a parent and signs them in' })
  async registerParent(@Arg('input', () => RegisterParentInput) input: RegisterParentInput, @Ctx() ctx: GraphQLContext): Promise<AuthPayload> {
    return this.signedIn(ctx, await this.accounts.registerParent(input, ctx));
  }

  @Mutation(() => AuthPayload, { description: 'Signs in; sets the session cookie and returns a bearer token' })
  async login(@Arg('input', () => LoginInput) input: LoginInput, @Ctx() ctx: GraphQLContext): Promise<AuthPayload> {
    return this.signedIn(ctx, await this.accounts.login(input, ctx));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends the current session' })
  async logout(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    clearSessionCookie(ctx.res);
    return this.accounts.logout(ctx.sessionId);
  }

  private signedIn(ctx: GraphQLContext, session: IssuedSession): AuthPayload {
    setSessionCookie(ctx.res, session.token, session.expiresAt, this.settings.config.env === 'production');
    return { token: session.token, expiresAt: session.expiresAt, user: session.user };
  }
}
