import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Service } from '../../common/container';
import type { GraphQLContext } from '../../common/graphql-context';
import { AccountClosureService } from './account-closure.service';
import { ConsentService, ConsentText } from './consent.service';
import { UpdateProfileInput } from './inputs/account-forms.input';
import { MyDataService } from './my-data.service';
import { Role } from '../../common/role';
import { Session } from './session.entity';
import { SessionService } from './sessions.service';
import { clearSessionCookie } from './session-cookie';
import { User } from './user.entity';

@Service()
@Resolver(() => Session)
export class MyDataResolver {
  constructor(
    private readonly consents: ConsentService,
    private readonly closure: AccountClosureService,
    private readonly myData: MyDataService,
    private readonly sessions: SessionService,
  ) {}

  @Query(() => ConsentText, { description: 'The current text of the personal-data consent; `accepted` tells whether the signed-in parent consented to it' })
  currentConsent(@Ctx() ctx: GraphQLContext): Promise<ConsentText> {
    return this.consents.current(ctx.actor);
  }

  @Authorized(Role.PARENT)
  @Mutation(() => ConsentText, { description: 'Consents to the current text (asked again when the text changed); records version, time and address' })
  giveConsent(@Arg('version', () => Int) version: number, @Ctx() ctx: GraphQLContext): Promise<ConsentText> {
    return this.consents.give(ctx.actor, version, ctx);
  }

  @Authorized(Role.PARENT)
  @Mutation(() => Boolean, {
    description: 'Withdraws consent: the account is closed and personal data removed or anonymized, except what accounting law keeps. Needs the password; refused while applications or contracts are live.',
  })
  async withdrawConsent(@Arg('password', () => String) password: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    await this.closure.withdrawConsent(ctx.actor, password);
    clearSessionCookie(ctx.res);
    return true;
  }

  @Authorized()
  @Query(() => String, { description: '«Мои данные»: everything the system holds about the signed-in user and their children, as JSON (money in kopecks)' })
  myDataExport(@Ctx() ctx: GraphQLContext): Promise<string> {
    return this.myData.export(ctx.actor);
  }

  @Authorized()
  @Mutation(() => User, { description: 'Corrects the signed-in user’s name and phone (a Russian number, stored as E.164)' })
  updateMyProfile(@Arg('input', () => UpdateProfileInput) input: UpdateProfileInput, @Ctx() ctx: GraphQLContext): Promise<User> {
    return this.myData.updateProfile(ctx.actor, input);
  }

  @Authorized()
  @Query(() => [Session], { description: 'The signed-in user’s active sessions, most recently used first' })
  mySessions(@Ctx() ctx: GraphQLContext): Promise<Session[]> {
    return this.sessions.mine(ctx.actor);
  }

  @FieldResolver(() => Boolean, { description: 'This is the session making the request' })
  current(@Root() session: Session, @Ctx() ctx: GraphQLContext): boolean {
    return session.id === ctx.sessionId;
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Ends one of the signed-in user’s sessions' })
  endSession(@Arg('sessionId', () => ID) sessionId: string, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return this.sessions.endMine(ctx.actor, sessionId);
  }

  @Authorized()
  @Mutation(() => Int, { description: 'Ends every session of the signed-in user except this one; returns how many ended' })
  endOtherSessions(@Ctx() ctx: GraphQLContext): Promise<number> {
    return this.sessions.endMyOthers(ctx.actor, ctx.sessionId);
  }
}
