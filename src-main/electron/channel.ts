/** The one IPC channel between the renderer and the api. */
export const API_CHANNEL = 'eldercare:api';
