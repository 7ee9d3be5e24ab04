/** What a handover photo's stamp says under 主题 when the handover belongs to no activity. */
export const HANDOVER_PHOTO_THEME = '帮扶发放'
