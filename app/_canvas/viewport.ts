/** Room at the top for the toolbar floating there, so no fitted node sits under it. */
export const FIT_PADDING = { top: '48px', left: '3%', right: '3%', bottom: '3%' } as const;
