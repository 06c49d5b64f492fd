import { IsOptional, IsUUID } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ApplicationStatus } from '../enrollment.enums';

@InputType({ description: 'Filters of the organization\'s or municipality\'s application list' })
export class ApplicationFilter {
  @Field(() => ApplicationStatus, { nullable: true })
  @IsOptional()
  status?: ApplicationStatus;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Неизвестная программа' })
  programId?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Неизвестная группа' })
  groupId?: string;

  @Field(() => ID, { nullable: true, description: 'For the region admin looking at one municipality; an operator may name only their own' })
  @IsOptional()
  @IsUUID('all', { message: 'Неизвестный муниципалитет' })
  municipalityId?: string;
}
