import { Arg, Authorized, Ctx, ID, Int, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Service } from '../../common/container';
import { Connection } from '../../common/pagination';
import type { GraphQLContext } from '../../common/graphql-context';
import { Notification } from './notification.entity';
import { NotificationService } from './notification.service';

@ObjectType()
export class NotificationConnection extends Connection(Notification) {}

@Service()
@Resolver(() => Notification)
export class NotificationResolver {
  constructor(private readonly notifications: NotificationService) {}

  @Authorized()
  @Query(() => NotificationConnection, { description: 'The signed-in user\'s notifications, newest first' })
  myNotifications(
    @Ctx() ctx: GraphQLContext,
    @Arg('unreadOnly', () => Boolean, { defaultValue: false }) unreadOnly: boolean,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ): Promise<NotificationConnection> {
    return this.notifications.myNotifications(ctx.actor, unreadOnly, first, after);
  }

  @Authorized()
  @Query(() => Int, { description: 'How many of the signed-in user\'s notifications are unread' })
  unreadNotificationCount(@Ctx() ctx: GraphQLContext): Promise<number> {
    return this.notifications.unreadCount(ctx.actor);
  }

  @Authorized()
  @Mutation(() => Int, { description: 'Marks notifications read (all of them when `ids` is omitted); returns how many changed' })
  markNotificationsRead(@Ctx() ctx: GraphQLContext, @Arg('ids', () => [ID], { nullable: true }) ids?: string[]): Promise<number> {
    return this.notifications.markRead(ctx.actor, ids);
  }
}
