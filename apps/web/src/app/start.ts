// The app's second boot stage (main.tsx): everything the first render needs besides React's renderer
// and the strings, imported as one module so that it is evaluated in one task of its own.
export { meQuery } from '../lib/auth';
export { App, queryClient } from './App';
export { openSignedIn } from './router';
