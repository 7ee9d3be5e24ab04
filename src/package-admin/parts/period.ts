// A pairing's or a post's period as the pages write it: 2025-01-23 起, or 2025-01-23 至 2027-01-22.
export const periodText = ({ startedOn, endedOn }: { startedOn: string; endedOn: string | null }): string =>
  endedOn ? `${startedOn} 至 ${endedOn}` : `${startedOn} 起`
