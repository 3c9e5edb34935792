// The analysis views beyond the overview, in tab order. Each is a Lit reactive controller class:
//   new View(host) — `host` is the <agglo-explorer> element (see views/README.md for the contract).
// Add a view by importing it here and appending it to VIEWS.
import { InputOutputView } from './linkage/io.js';
import { NetworkView } from './linkage/network.js';

export const VIEWS = [InputOutputView, NetworkView];
