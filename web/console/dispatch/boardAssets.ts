import { staffAsset } from '../../staff/staffAsset';
import { boardPath } from './boardData';
import { azureMapsOrigin } from './mapTiles';

export const boardAssetPrefix = `${boardPath}/assets`;
/** A short-lived Entra token for Azure Maps, for the tile script (`functions/dispatch/mapsToken.ts`). */
export const mapsTokenPath = `${boardPath}/maps-token`;

/*
 * Azure Maps tiles under the board's map, only on a board that has an account configured. Tiles
 * need a bearer token and the account's client id in headers, which an <img> cannot send, so the
 * script fetches each tile (connect-src names the tile host) and draws it as a blob: image. The
 * token comes from the app (its identity holds Azure Maps Data Reader) and is renewed a minute
 * before it expires. A tile that fails leaves the plain map under the routes, as without tiles.
 * After a live update swaps the map in, the tiles already fetched are drawn again from memory.
 */
const js = `(function () {
  'use strict';
  var tokenPath = ${JSON.stringify(mapsTokenPath)};
  var host = ${JSON.stringify(azureMapsOrigin)};
  var token = null;
  var drawn = {};
  function bearer() {
    if (token && token.until - 60000 > Date.now()) return Promise.resolve(token.value);
    return fetch(tokenPath, { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : Promise.reject(new Error('no token')); })
      .then(function (body) {
        token = { value: body.accessToken, until: Date.parse(body.expiresOn) };
        return token.value;
      });
  }
  function tile(place, clientId) {
    if (drawn[place]) return Promise.resolve(drawn[place]);
    var parts = place.split('/');
    return bearer()
      .then(function (value) {
        return fetch(host + '/map/tile?api-version=2024-04-01&tilesetId=microsoft.base.road&tileSize=256&zoom=' +
          parts[0] + '&x=' + parts[1] + '&y=' + parts[2], {
          credentials: 'omit',
          headers: { authorization: 'Bearer ' + value, 'x-ms-client-id': clientId },
        });
      })
      .then(function (response) { return response.ok ? response.blob() : Promise.reject(new Error('no tile')); })
      .then(function (blob) { return (drawn[place] = URL.createObjectURL(blob)); });
  }
  function draw() {
    var figure = document.querySelector('[data-map-client-id]');
    if (!figure) return;
    var clientId = figure.getAttribute('data-map-client-id');
    Array.prototype.forEach.call(figure.querySelectorAll('image[data-tile]'), function (image) {
      if (image.getAttribute('href')) return;
      tile(image.getAttribute('data-tile'), clientId)
        .then(function (url) { image.setAttribute('href', url); })
        .catch(function () { return undefined; });
    });
  }
  document.addEventListener('fieldline:live-swapped', draw);
  draw();
})();
`;

export const boardTileScript = staffAsset(boardAssetPrefix, 'map-tiles', 'js', js);
export const boardAssets = [boardTileScript] as const;
