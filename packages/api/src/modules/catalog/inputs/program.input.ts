import { IsArray, IsEnum, IsInt, IsLatitude, IsLongitude, IsOptional, IsUUID, Length, Max, Min } from 'class-validator';
import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { AMOUNT_TOO_LARGE, formatRub, KopecksScalar, MAX_AMOUNT_KOPECKS } from '../../../common/money';
import { CertificationStatus, Direction, FundingType, ProgramFormat, ProgramStatus } from '../catalog.enums';
import { IfPresent, OptionalText, rules, Text, WholeNumber } from './field-rules';


const TITLE = () => Text(3, 200, 'Название программы — от 3 до 200 символов');
const DESCRIPTION = () => Text(10, 5000, 'Описание программы — от 10 до 5000 символов');
const DIRECTION = () => IsEnum(Direction, { message: 'Выберите направленность' });
const AGE = (which: string) => WholeNumber(5, 18, `Возраст «${which}» — от 5 до 18 лет`);
const DURATION = () => WholeNumber(1, 120, 'Продолжительность — от 1 до 120 месяцев');
const HOURS = () => WholeNumber(1, 5000, 'Объём программы — от 1 до 5000 академических часов');
const FORMAT = () => IsEnum(ProgramFormat, { message: 'Выберите форму обучения' });
const FUNDING = () => IsEnum(FundingType, { message: 'Выберите способ оплаты' });
const PRICE = () =>
  rules(
    IsInt({ message: 'Стоимость указывается целым числом копеек' }),
    Min(0, { message: 'Стоимость не может быть отрицательной' }),
    Max(MAX_AMOUNT_KOPECKS, { message: AMOUNT_TOO_LARGE }),
  );
const ADDRESS = () => Text(3, 300, 'Укажите адрес проведения занятий');
const LATITUDE = () => IsLatitude({ message: 'Широта — от −90 до 90' });
const LONGITUDE = () => IsLongitude({ message: 'Долгота — от −180 до 180' });
const TEACHER = () => OptionalText(200, 'Имя педагога — не длиннее 200 символов');
const TAGS = () => rules(IsArray(), Length(1, 50, { each: true, message: 'Метка — от 1 до 50 символов' }));
const MUNICIPALITY = () => IsUUID('all', { message: 'Выберите муниципалитет из списка' });

@InputType({ description: 'Новая программа; создаётся черновиком организации того, кто её создаёт' })
export class CreateProgramInput {
  @Field(() => String)
  @TITLE()
  title: string;

  @Field(() => String)
  @DESCRIPTION()
  description: string;

  @Field(() => Direction)
  @DIRECTION()
  direction: Direction;

  @Field(() => Int)
  @AGE('от')
  ageFrom: number;

  @Field(() => Int)
  @AGE('до')
  ageTo: number;

  @Field(() => Int)
  @DURATION()
  durationMonths: number;

  @Field(() => Int)
  @HOURS()
  academicHours: number;

  @Field(() => ProgramFormat)
  @FORMAT()
  format: ProgramFormat;

  @Field(() => FundingType, { description: 'CERTIFICATE only for organizations connected to personalized financing' })
  @FUNDING()
  fundingType: FundingType;

  @Field(() => KopecksScalar, { description: `Monthly price in kopecks; 0 for BUDGET programs; at most ${MAX_AMOUNT_KOPECKS} (${formatRub(MAX_AMOUNT_KOPECKS)})` })
  @PRICE()
  monthlyPrice: number;

  @Field(() => String)
  @ADDRESS()
  address: string;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @LATITUDE()
  latitude?: number | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @LONGITUDE()
  longitude?: number | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @TEACHER()
  teacher?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @TAGS()
  tags?: string[];

  @Field(() => ID, { nullable: true, description: 'Where the program is delivered; the organization\'s municipality by default' })
  @IsOptional()
  @MUNICIPALITY()
  municipalityId?: string;
}

@InputType({ description: 'Changes to a program; omitted fields stay as they are' })
export class UpdateProgramInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Программа не найдена' })
  programId: string;

  @Field(() => String, { nullable: true })
  @IfPresent()
  @TITLE()
  title?: string;

  @Field(() => String, { nullable: true })
  @IfPresent()
  @DESCRIPTION()
  description?: string;

  @Field(() => Direction, { nullable: true })
  @IfPresent()
  @DIRECTION()
  direction?: Direction;

  @Field(() => Int, { nullable: true })
  @IfPresent()
  @AGE('от')
  ageFrom?: number;

  @Field(() => Int, { nullable: true })
  @IfPresent()
  @AGE('до')
  ageTo?: number;

  @Field(() => Int, { nullable: true })
  @IfPresent()
  @DURATION()
  durationMonths?: number;

  @Field(() => Int, { nullable: true })
  @IfPresent()
  @HOURS()
  academicHours?: number;

  @Field(() => ProgramFormat, { nullable: true })
  @IfPresent()
  @FORMAT()
  format?: ProgramFormat;

  @Field(() => FundingType, { nullable: true, description: 'Cannot change while the program is submitted for certification or certified' })
  @IfPresent()
  @FUNDING()
  fundingType?: FundingType;

  @Field(() => KopecksScalar, {
    nullable: true,
    description:
      'New monthly price in kopecks. Applies to contracts made from now on; existing contracts keep the terms they were made with. ' +
      'A certified program stays certified; the certificate pays min(price, normative cost). ' +
      `At most ${MAX_AMOUNT_KOPECKS} (${formatRub(MAX_AMOUNT_KOPECKS)}).`,
  })
  @IfPresent()
  @PRICE()
  monthlyPrice?: number;

  @Field(() => String, { nullable: true })
  @IfPresent()
  @ADDRESS()
  address?: string;

  @Field(() => Float, { nullable: true, description: 'null clears it' })
  @IsOptional()
  @LATITUDE()
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'null clears it' })
  @IsOptional()
  @LONGITUDE()
  longitude?: number | null;

  @Field(() => String, { nullable: true, description: 'null clears it' })
  @IsOptional()
  @TEACHER()
  teacher?: string | null;

  @Field(() => [String], { nullable: true })
  @IfPresent()
  @TAGS()
  tags?: string[];

  @Field(() => ID, { nullable: true })
  @IfPresent()
  @MUNICIPALITY()
  municipalityId?: string;
}

@InputType({ description: 'Filters of an organization\'s own program list' })
export class MyProgramsFilter {
  @Field(() => ProgramStatus, { nullable: true })
  @IsOptional()
  status?: ProgramStatus;

  @Field(() => CertificationStatus, { nullable: true })
  @IsOptional()
  certificationStatus?: CertificationStatus;

  @Field(() => FundingType, { nullable: true })
  @IsOptional()
  fundingType?: FundingType;
}
