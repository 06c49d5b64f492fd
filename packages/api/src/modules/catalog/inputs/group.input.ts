import { ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsOptional, IsUUID, Matches, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { LocalDateScalar } from '../../../common/scalars';
import { IfPresent, OptionalText, rules, Text, WholeNumber } from './field-rules';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

@InputType({ description: 'One weekly slot: ISO weekday (1 = Monday) and `HH:MM` times' })
export class ScheduleSlotInput {
  @Field(() => Int)
  @WholeNumber(1, 7, 'День недели — от 1 (понедельник) до 7 (воскресенье)')
  weekday: number;

  @Field(() => String)
  @Matches(TIME, { message: 'Время начала указывается как ЧЧ:ММ, например 15:30' })
  startTime: string;

  @Field(() => String)
  @Matches(TIME, { message: 'Время окончания указывается как ЧЧ:ММ, например 17:00' })
  endTime: string;
}

const NAME = () => Text(1, 100, 'Название группы — от 1 до 100 символов');
const SCHEDULE = () =>
  rules(
    IsArray(),
    ArrayMinSize(1, { message: 'Добавьте в расписание хотя бы одно занятие' }),
    ArrayMaxSize(21, { message: 'В расписании не больше 21 занятия в неделю' }),
    ValidateNested({ each: true }),
  );
const DATE = (message: string) => IsDateString({ strict: true }, { message });
const CAPACITY = () => WholeNumber(1, 500, 'Число мест в группе — от 1 до 500');
const ADDRESS = () => Text(3, 300, 'Укажите адрес проведения занятий');
const TEACHER = () => OptionalText(200, 'Имя педагога — не длиннее 200 символов');

@InputType()
export class CreateGroupInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Программа не найдена' })
  programId: string;

  @Field(() => String)
  @NAME()
  name: string;

  @Field(() => [ScheduleSlotInput])
  @SCHEDULE()
  schedule: ScheduleSlotInput[];

  @Field(() => LocalDateScalar)
  @DATE('Укажите дату начала занятий')
  startsOn: string;

  @Field(() => LocalDateScalar)
  @DATE('Укажите дату окончания занятий')
  endsOn: string;

  @Field(() => Int)
  @CAPACITY()
  capacity: number;

  @Field(() => String, { nullable: true, description: 'The program\'s address by default' })
  @IsOptional()
  @ADDRESS()
  address?: string;

  @Field(() => String, { nullable: true, description: 'The program\'s teacher by default' })
  @IsOptional()
  @TEACHER()
  teacher?: string | null;
}

@InputType({ description: 'Changes to a group; omitted fields stay as they are' })
export class UpdateGroupInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Группа не найдена' })
  groupId: string;

  @Field(() => String, { nullable: true })
  @IfPresent()
  @NAME()
  name?: string;

  @Field(() => [ScheduleSlotInput], { nullable: true })
  @IfPresent()
  @SCHEDULE()
  schedule?: ScheduleSlotInput[];

  @Field(() => LocalDateScalar, { nullable: true })
  @IfPresent()
  @DATE('Укажите дату начала занятий')
  startsOn?: string;

  @Field(() => LocalDateScalar, { nullable: true })
  @IfPresent()
  @DATE('Укажите дату окончания занятий')
  endsOn?: string;

  @Field(() => Int, { nullable: true, description: 'Cannot go below the seats already taken' })
  @IfPresent()
  @CAPACITY()
  capacity?: number;

  @Field(() => String, { nullable: true })
  @IfPresent()
  @ADDRESS()
  address?: string;

  @Field(() => String, { nullable: true, description: 'null clears it' })
  @IsOptional()
  @TEACHER()
  teacher?: string | null;
}
