// Made-up but well-formed personal data for demo and test households: 18-digit ID numbers with a
// correct check digit (GB 11643), and mobile numbers. None belongs to a real person.
import { idNumberCheckChar } from '../../common/personal-data'

/** 630121 is 大通回族土族自治县; birth date YYYYMMDD; a 3-digit sequence (odd for men). */
export const fakeIdNumber = (birthDate: string, sequence: number, region = '630121'): string => {
  const first17 = `${region}${birthDate.replace(/-/g, '')}${String(sequence).padStart(3, '0')}`
  return `${first17}${idNumberCheckChar(first17)}`
}

export const fakePhone = (n: number): string => `1390971${String(n).padStart(4, '0')}`
