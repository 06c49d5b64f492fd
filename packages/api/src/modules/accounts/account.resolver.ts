import { IsEmail } from 'class-validator';
import { Arg, Authorized, Ctx, Field, InputType, Mutation, Query, Resolver } from 'type-graphql';
import { AppSettings, Service } from '../../common/container';
import type { GraphQLContext } from '../../common/graphql-context';
import { AccountService } from './account.service';
import { AuthPayload } from './auth-payload.type';
import { ChangePasswordInput, ResetPasswordInput } from './inputs/account-forms.input';
import { LoginInput } from './inputs/login.input';
import { RegisterParentInput } from './inputs/register-parent.input';
import { PasswordService } from './password.service';
import { clearSessionCookie, setSessionCookie } from './session-cookie';
import type { IssuedSession } from './sessions.service';
import { User } from './user.entity';

@InputType({ description: 'Адрес для письма со ссылкой на смену пароля' })
export class RequestPasswordResetInput {
  @Field(() => String)
  @IsEmail({}, { message: 'Укажите корректный адрес электронной почты' })
  email: string;
}

@Service()
@Resolver()
export class AccountResolver {
  constructor(
    private readonly accounts: AccountService,
    private readonly passwords: PasswordService,
    private readonly settings: AppSettings,
  ) {}

  @Query(() => User, { nullable: true, description: 'The signed-in user, or null' })
  me(@Ctx() ctx: GraphQLContext): Promise<User | null> {
    return this.accounts.me(ctx.actor);
  }

  @Mutation(() => Boolean, {
    description: 'Registers a parent and e-mails a confirmation link; answers true whether or not the address was free (the owner of a taken address gets a letter). Sign in afterwards.',
  })
  async registerParent(@Arg('input', () => RegisterParentInput) input: RegisterParentInput, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    await this.accounts.registerParent(input, ctx);
    return true;
  }

  @Mutation(() => Boolean, { description: 'Confirms the e-mail with the token from the confirmation link (single-use, expires in 48 hours)' })
  confirmEmail(@Arg('token', () => String) token: string): Promise<boolean> {
    return this.accounts.confirmEmail(token);
  }

  @Authorized()
  @Mutation(() => Boolean, { description: 'Sends a new confirmation link (at most once a minute, five times a day)' })
  resendEmailConfirmation(@Ctx() ctx: GraphQLContext): Promise<boolean> {
    return this.accounts.resendConfirmation(ctx.actor);
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

  @Mutation(() => Boolean, { description: '«Забыли пароль?»: e-mails a reset link (single-use, one hour) when the address has an account; answers true either way' })
  requestPasswordReset(@Arg('input', () => RequestPasswordResetInput) input: RequestPasswordResetInput): Promise<boolean> {
    return this.passwords.requestReset(input.email);
  }

  @Mutation(() => AuthPayload, { description: 'Sets a new password from a reset link and signs in; every other session ends' })
  async resetPassword(@Arg('input', () => ResetPasswordInput) input: ResetPasswordInput, @Ctx() ctx: GraphQLContext): Promise<AuthPayload> {
    return this.signedIn(ctx, await this.passwords.reset(input.token, input.newPassword, ctx));
  }

  @Authorized()
  @Mutation(() => Boolean, { description: '«Сменить пароль»: needs the current password; every other session ends' })
  changePassword(@Arg('input', () => ChangePasswordInput) input: ChangePasswordInput, @Ctx() ctx: GraphQLContext): Promise<boolean> {
    return this.passwords.change(ctx.actor, ctx.sessionId, input.currentPassword, input.newPassword);
  }

  private signedIn(ctx: GraphQLContext, session: IssuedSession): AuthPayload {
    setSessionCookie(ctx.res, session.token, session.expiresAt, this.settings.config.env === 'production');
    return { token: session.token, expiresAt: session.expiresAt, user: session.user };
  }
}
