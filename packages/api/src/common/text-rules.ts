import { registerDecorator } from 'class-validator';

/**
 * A string of `min`–`max` characters that is not blank: the minimum counts
 * what is left after trimming, so "   " is no reason and no title. The
 * maximum counts the text as sent, which is what gets stored.
 */
export function TrimmedLength(min: number, max: number, message: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'trimmedLength',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [min, max],
      options: { message },
      validator: { validate: (value: unknown) => typeof value === 'string' && value.trim().length >= min && value.length <= max },
    });
}
