import { IsInt, IsString, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { TrimmedLength } from '../../../common/text-rules';

/** Applies several property decorators as one, so create and update inputs share each field's rules. */
export function rules(...decorators: PropertyDecorator[]): PropertyDecorator {
  return (target, key) => decorators.forEach((decorate) => decorate(target, key));
}

/**
 * For partial updates: an omitted field is left alone, but an explicit null on
 * a field that cannot be empty still fails its rules (unlike `@IsOptional`).
 */
export const IfPresent = () => ValidateIf((_object: unknown, value: unknown) => value !== undefined);

export const Text = (min: number, max: number, message: string) => rules(IsString({ message }), TrimmedLength(min, max, message));

export const OptionalText = (max: number, message: string) => rules(IsString({ message }), MaxLength(max, { message }));

export const WholeNumber = (min: number, max: number, message: string) => rules(IsInt({ message }), Min(min, { message }), Max(max, { message }));
