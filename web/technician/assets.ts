import { createHash } from 'node:crypto';
import { workTypeChecklists } from '../../shared/fieldwork/checklists';
import { staffAsset, type StaffAsset } from '../staff/staffAsset';
import { sharedStaffAssets } from '../staff/sharedAssets';
import { appScript } from './clientApp';
import { viewsScript } from './clientViews';
import { manifestJson } from './manifest';

export const technicianAssetPrefix = '/api/tech/assets';

/*
 * Phone first, on top of the shared staff style: one column, touch targets of at least 44 px,
 * the sync state always at the top. Colours keep WCAG AA contrast on white.
 */
const css = `
main{max-width:40rem;padding:.75rem}
button,.button,input,select,textarea{min-height:2.75rem}
.button{display:inline-flex;align-items:center}
.route{list-style:none;margin:0;padding:0}
.stop{background:#fff;border:1px solid #d0d5dc;border-radius:.5rem;padding:.75rem;margin:0 0 .75rem}
.stop h2{margin:0 0 .25rem;font-size:1.0625rem}
.stop-number{display:inline-block;min-width:1.75rem;height:1.75rem;line-height:1.75rem;text-align:center;border-radius:50%;background:#14365d;color:#fff;margin-right:.25rem}
.nav{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;margin:.5rem 0 0}
.nav a:not(.button){display:inline-block;padding:.625rem 0}
.sync{margin:0 0 .5rem;padding:.375rem .625rem;border-radius:.25rem;font-weight:600}
.sync.online{background:#dff6dd;color:#0e4b0e}
.sync.offline{background:#fff4ce;color:#5c4400}
.badge.waiting{background:#fff4ce;color:#5c4400}
.badge.status-Completed,.badge.status-Closed{background:#dff6dd;color:#0e4b0e}
.badge.status-Cancelled,.badge.status-Incomplete{background:#fde7e9;color:#8a1c1c}
.field{display:flex;flex-direction:column;gap:.25rem;margin:0 0 .75rem}
.check{display:flex;align-items:center;gap:.625rem;min-height:2.75rem}
.check input{width:1.5rem;height:1.5rem;min-height:0;margin:0}
.check label{font-weight:400}
fieldset{border:1px solid #d0d5dc;border-radius:.375rem;margin:0 0 .75rem;padding:.5rem .75rem}
legend{font-weight:600;padding:0 .25rem}
.report form{margin:0 0 1rem}
.photos{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.photos li{display:flex;flex-direction:column;gap:.25rem}
.photos img{object-fit:cover;border-radius:.25rem;border:1px solid #d0d5dc}
#signature{width:100%;height:auto;aspect-ratio:3/1;border:1px dashed #7a8594;border-radius:.25rem;background:#fff;touch-action:none}
.label{font-weight:600;margin:0}
.raise{background:#fff;border:1px solid #d0d5dc;border-radius:.375rem;padding:.75rem;margin:0 0 1rem}
.raise summary{font-weight:600;min-height:2.75rem;display:flex;align-items:center;cursor:pointer}
dialog{border:0;border-radius:.5rem;padding:1rem;max-width:22rem}
dialog::backdrop{background:rgba(0,0,0,.45)}
dialog h2{margin-top:0}
dialog .actions{display:flex;gap:.5rem;justify-content:flex-end;flex-wrap:wrap}
blockquote{margin:0;padding:.25rem .75rem;border-left:4px solid #d0d5dc}
`;

const icon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><rect width="512" height="512" rx="96" fill="#14365d"/><path d="M144 128h224v64H224v48h128v64H224v80h-80z" fill="#ffdd00"/></svg>`;

const iconAsset = staffAsset(technicianAssetPrefix, 'icon', 'svg', icon);

export const technicianAssets = {
  css: staffAsset(technicianAssetPrefix, 'technician', 'css', css),
  views: staffAsset(technicianAssetPrefix, 'views', 'js', viewsScript),
  app: staffAsset(technicianAssetPrefix, 'app', 'js', appScript(workTypeChecklists)),
  icon: iconAsset,
  manifest: staffAsset(technicianAssetPrefix, 'manifest', 'json', manifestJson(iconAsset.path)),
} as const satisfies Record<string, StaffAsset>;

/** Every file the app needs to open with no network: the shared staff files and its own. */
export const shellFiles: readonly string[] = [
  ...Object.values(sharedStaffAssets).map((asset) => asset.path),
  ...Object.values(technicianAssets).map((asset) => asset.path),
];

/** Changes whenever a shell file does, so a deployment replaces the phone's cache. */
export const shellVersion = createHash('sha256').update(shellFiles.join('\n')).digest('hex').slice(0, 12);
