import './ui/tokens.css';
import './ui/base.css';
import './ui/controls.css';
import { render } from 'solid-js/web';
import { App } from './app/App';
import { loadSession } from './app/session';
import { registerServiceWorker } from './app/update-prompt';

// Ask who we are while the first screen renders.
void loadSession();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
render(() => <App />, root);

registerServiceWorker();
