import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * СНИЛС: 9 digits of the number and 2 check digits. Each of the 9 digits is
 * weighted by its position from the end (9…1); the control sum is the total
 * modulo 101, with 100 written as 00. Numbers up to 001-001-998 were issued
 * before check digits existed and never to today's children.
 */
export function snilsControlSum(nineDigits: string): number {
  const sum = [...nineDigits].reduce((total, digit, i) => total + Number(digit) * (9 - i), 0);
  const rest = sum % 101;
  return rest === 100 ? 0 : rest;
}

/** Digits only (`112-233-445 95` → `11223344595`), or null when it is not 11 digits. */
export function normalizeSnils(raw: string): string | null {
  const digits = raw.replace(/[\s-]/g, '');
  return /^\d{11}$/.test(digits) ? digits : null;
}

export function isValidSnils(normalized: string): boolean {
  const number = normalized.slice(0, 9);
  return Number(number) > 1_001_998 && snilsControlSum(number) === Number(normalized.slice(9));
}

/** `11223344595` → `112-233-445 95`. */
export function formatSnils(normalized: string): string {
  return `${normalized.slice(0, 3)}-${normalized.slice(3, 6)}-${normalized.slice(6, 9)} ${normalized.slice(9)}`;
}

/** What everyone but the child's parent sees: only the check digits. */
export function maskSnils(lastDigits: string): string {
  return `***-***-*** ${lastDigits}`;
}

/** A valid SNILS for a 9-digit number (demo data and tests). */
export function snilsWithControlSum(nineDigits: string): string {
  return `${nineDigits}${String(snilsControlSum(nineDigits)).padStart(2, '0')}`;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Protection at rest: AES-256-GCM with the configured data key, and a keyed
 * HMAC (key derived from the same secret, separate purpose) so uniqueness is
 * checked without a searchable clear value.
 */
export class SnilsCrypto {
  private readonly hmacKey: Buffer;

  constructor(private readonly key: Buffer) {
    this.hmacKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'navigator:snils-hmac', 32));
  }

  encrypt(normalized: string): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(normalized, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
  }

  decrypt(stored: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.key, stored.subarray(0, IV_BYTES));
    decipher.setAuthTag(stored.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(stored.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  hash(normalized: string): string {
    return createHmac('sha256', this.hmacKey).update(normalized).digest('hex');
  }

  /** The three stored columns of a child's SNILS. */
  protect(normalized: string): { snilsEncrypted: Buffer; snilsHash: string; snilsLastDigits: string } {
    return { snilsEncrypted: this.encrypt(normalized), snilsHash: this.hash(normalized), snilsLastDigits: normalized.slice(9) };
  }
}
