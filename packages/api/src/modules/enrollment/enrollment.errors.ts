/** Error codes of the enrollment rules (DESIGN.md «Enrollment»), one per check a parent or provider can fail. */
export const EnrollmentErrorCode = {
  AGE_NOT_ELIGIBLE: 'AGE_NOT_ELIGIBLE',
  ENROLLMENT_CLOSED: 'ENROLLMENT_CLOSED',
  PROGRAM_NOT_AVAILABLE: 'PROGRAM_NOT_AVAILABLE',
  DUPLICATE_APPLICATION: 'DUPLICATE_APPLICATION',
  CERTIFICATE_STATUS: 'CERTIFICATE_STATUS',
} as const;
