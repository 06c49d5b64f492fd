import { IsInt, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { Direction, FundingType, ProgramFormat } from '../catalog.enums';

export enum ProgramOrder {
  /** Best text match first; without text, the most recently published first. */
  RELEVANCE = 'RELEVANCE',
  TITLE = 'TITLE',
  PRICE_ASC = 'PRICE_ASC',
  PRICE_DESC = 'PRICE_DESC',
  NEWEST = 'NEWEST',
}
registerEnumType(ProgramOrder, { name: 'ProgramOrder' });

@InputType({ description: 'Catalog filters; every facet count honours all the other filters' })
export class ProgramFilter {
  @Field(() => String, { nullable: true, description: 'Words to search in titles and descriptions (typos tolerated)' })
  @IsOptional()
  @Length(1, 200, { message: 'Поисковый запрос слишком длинный' })
  text?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Неизвестный муниципалитет' })
  municipalityId?: string;

  @Field(() => Direction, { nullable: true })
  @IsOptional()
  direction?: Direction;

  @Field(() => Int, { nullable: true, description: 'Age of the child in full years' })
  @IsOptional()
  @IsInt()
  @Min(0, { message: 'Возраст не может быть отрицательным' })
  @Max(18, { message: 'Программы рассчитаны на детей до 18 лет' })
  age?: number;

  @Field(() => FundingType, { nullable: true })
  @IsOptional()
  fundingType?: FundingType;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Неизвестная организация' })
  organizationId?: string;

  @Field(() => ProgramFormat, { nullable: true })
  @IsOptional()
  format?: ProgramFormat;

  @Field(() => Boolean, { nullable: true, description: 'Only programs with a group open for enrollment that has free seats' })
  @IsOptional()
  hasFreeSeats?: boolean;
}
