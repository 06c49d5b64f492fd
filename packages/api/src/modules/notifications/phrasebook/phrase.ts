/** A notification's words: the in-app title and text, and the e-mail's subject and body. */
export interface Phrase {
  /** Stable event kind, e.g. `CONTRACT_FUNDED`: the SPA picks an icon and a link by it. */
  kind: string;
  title: string;
  body: string;
}
