import { z } from 'zod';

/*
 * What the self-service page's forms and scripts send, validated by functions/selfService and
 * documented from these very schemas in the OpenAPI document.
 */
export const SlotForm = z.object({ slotId: z.string().min(1).max(80) });

export const DeclineForm = z.object({
  confirm: z.literal('yes'),
  reason: z.string().trim().max(500).optional(),
});

export const DetailsForm = z.object({ details: z.string().trim().min(1).max(1000) });

export const SurveyForm = z.object({
  score: z.coerce.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
});

/** The page's script names the staged blob it uploaded to, for the server to check and keep. */
export const UploadCompletion = z.object({ blobName: z.string().min(1).max(300) });

/** The signed link in every self-service path; verified (signature, purpose, expiry, revocation) before anything else. */
export const LinkParams = z.object({ token: z.string().min(1).max(2048) });
