/** Links to the web pages a manage token opens; the API answers and the mails carry the same ones. */
export const manageUrl = (base: string, token: string) => `${base}/manage.html?token=${encodeURIComponent(token)}`;

/** The manage page opened on its cancel confirmation: a link scanner following it cancels nothing. */
export const cancelUrl = (base: string, token: string) => `${manageUrl(base, token)}&action=cancel`;

export const feedbackUrl = (base: string, token: string) => `${base}/feedback.html?token=${encodeURIComponent(token)}`;
