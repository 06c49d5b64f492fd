import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Service } from '../../common/container';
import { Clock } from '../../common/clock';
import { ageOn } from '../../common/dates';
import type { GraphQLContext } from '../../common/graphql-context';
import { Role } from '../../common/role';
import { Municipality } from '../municipalities/municipality.entity';
import { Certificate } from './certificate.entity';
import { Child } from './child.entity';
import { ChildService } from './child.service';
import { AddChildInput, UpdateChildInput } from './inputs/child.input';

@Service()
@Resolver(() => Child)
export class ChildResolver {
  constructor(
    private readonly children: ChildService,
    private readonly clock: Clock,
  ) {}

  @Authorized(Role.PARENT)
  @Query(() => [Child], { description: 'The signed-in parent\'s children, youngest last' })
  myChildren(@Ctx() ctx: GraphQLContext): Promise<Child[]> {
    return this.children.myChildren(ctx.actor);
  }

  @Authorized()
  @Query(() => Child, { nullable: true, description: 'A child: its parent, or the МОЦ of its municipality / the region admin' })
  child(@Arg('id', () => ID) id: string, @Ctx() ctx: GraphQLContext): Promise<Child | null> {
    return this.children.child(ctx.actor, id);
  }

  @Authorized(Role.PARENT)
  @Mutation(() => Child, { description: 'Adds a child aged 5–17; the SNILS must pass its checksum and be new to the region' })
  addChild(@Arg('input', () => AddChildInput) input: AddChildInput, @Ctx() ctx: GraphQLContext): Promise<Child> {
    return this.children.addChild(ctx.actor, input);
  }

  @Authorized(Role.PARENT)
  @Mutation(() => Child, { description: 'Corrects a child\'s data while the certificate is not yet verified' })
  updateChild(@Arg('id', () => ID) id: string, @Arg('input', () => UpdateChildInput) input: UpdateChildInput, @Ctx() ctx: GraphQLContext): Promise<Child> {
    return this.children.updateChild(ctx.actor, id, input);
  }

  @FieldResolver(() => String, { description: 'In full (`112-233-445 95`) for the child\'s own parent; masked (`***-***-*** 95`) for everyone else' })
  snils(@Root() child: Child, @Ctx() ctx: GraphQLContext): string {
    return this.children.snilsFor(ctx.actor, child);
  }

  @FieldResolver(() => String, { description: 'Фамилия Имя Отчество' })
  fullName(@Root() child: Child): string {
    return [child.lastName, child.firstName, child.middleName].filter(Boolean).join(' ');
  }

  @FieldResolver(() => Int, { description: 'Full years today' })
  age(@Root() child: Child): number {
    return ageOn(child.birthDate, this.clock.today());
  }

  @FieldResolver(() => Municipality)
  async municipality(@Root() child: Child, @Ctx() ctx: GraphQLContext): Promise<Municipality> {
    return (await ctx.loaders.byId(Municipality).load(child.municipalityId))!;
  }

  @FieldResolver(() => Certificate, { nullable: true, description: 'The child\'s certificate, once requested' })
  certificate(@Root() child: Child, @Ctx() ctx: GraphQLContext): Promise<Certificate | null> {
    return ctx.loaders.byId(Certificate, 'childId').load(child.id);
  }
}
