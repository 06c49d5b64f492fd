import { IsBoolean, IsEnum, IsOptional, IsUUID, Length } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { CertificateStatus } from '../certificates.enums';

@InputType({ description: 'Фильтр списка сертификатов для МОЦ и РМЦ' })
export class CertificateFilter {
  @Field(() => ID, { nullable: true, description: 'Operators always see their own municipality; the region admin may pick one' })
  @IsOptional()
  @IsUUID('all', { message: 'Выберите муниципалитет' })
  municipalityId?: string;

  @Field(() => CertificateStatus, { nullable: true })
  @IsOptional()
  @IsEnum(CertificateStatus)
  status?: CertificateStatus;

  @Field(() => Boolean, { nullable: true, description: 'Only ACCOUNTING certificates whose parent asked for financing' })
  @IsOptional()
  @IsBoolean()
  financingRequested?: boolean;

  @Field(() => String, { nullable: true, description: 'Certificate number (or its start) or the child\'s last name' })
  @IsOptional()
  @Length(1, 100)
  search?: string;
}
