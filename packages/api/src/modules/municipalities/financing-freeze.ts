import { Field, ObjectType } from 'type-graphql';
import { type IsoDate, ruDate } from '../../common/dates';
import { DomainError } from '../../common/errors';
import { LocalDateScalar } from '../../common/scalars';

/** How far ahead parents' pages announce a freeze. */
export const FREEZE_NOTICE_DAYS = 30;

@ObjectType({ description: 'Период заморозки в конце года: выдача сертификатов финансирования и подтверждение сертификатов приостановлены' })
export class FinancingFreeze {
  @Field(() => LocalDateScalar)
  startsOn: string;

  @Field(() => LocalDateScalar)
  endsOn: string;

  @Field(() => Boolean, { description: 'In force today (otherwise announced in advance)' })
  active: boolean;

  @Field(() => String, { description: 'The announcement as parents read it' })
  message: string;
}

export function freezeOf(startsOn: IsoDate, endsOn: IsoDate, today: IsoDate): FinancingFreeze {
  const active = startsOn <= today;
  const span = `с ${ruDate(startsOn)} по ${ruDate(endsOn)}`;
  return {
    startsOn,
    endsOn,
    active,
    message: active
      ? `До ${ruDate(endsOn)} включительно муниципальный опорный центр не выдаёт сертификаты финансирования и не подтверждает новые сертификаты. Заявки на обучение принимаются как обычно; запросы на финансирование будут рассмотрены после ${ruDate(endsOn)}.`
      : `${span[0].toUpperCase()}${span.slice(1)} муниципальный опорный центр не будет выдавать сертификаты финансирования и подтверждать новые сертификаты. Если нужно финансирование, запросите его до ${ruDate(startsOn)}.`,
  };
}

/** Refuses a grant or verification while the municipality's freeze is in force. */
export function assertNotFrozen(freeze: FinancingFreeze | null, action: string): void {
  if (freeze?.active) {
    throw new DomainError('PERIOD_FROZEN', `${action} приостановлено до ${ruDate(freeze.endsOn)} включительно: в муниципалитете действует заморозка конца года.`, {
      freezeStartsOn: freeze.startsOn,
      freezeEndsOn: freeze.endsOn,
    });
  }
}
