import { Language } from '../../shared/common/contact';

/**
 * The page language: an explicit choice from the language switch first, then the browser's
 * `Accept-Language` (first supported tag by preference), then what the utility told us.
 */
export function pageLanguage(
  chosen: string | null | undefined,
  acceptLanguage: string | null | undefined,
  customerLanguage: Language | undefined,
): Language {
  const explicit = Language.safeParse(chosen);
  if (explicit.success) return explicit.data;
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return {
        base: tag.toLowerCase().split('-')[0] ?? '',
        q: q === undefined ? 1 : Number(q.slice(2)),
        index,
      };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((entry) => Language.safeParse(entry.base))
    .find((parsed) => parsed.success);
  return preferred?.data ?? customerLanguage ?? 'en';
}
