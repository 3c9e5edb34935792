// The analysis views beyond the overview, in tab order. Each is a Lit reactive controller class:
//   new View(host) — `host` is the <agglo-explorer> element (see views/README.md for the contract).
// Add a view by importing it here and appending it to VIEWS.
import { RegionProfileView } from './clusters/region-profile.js';
import { ClusterView } from './clusters/cluster-view.js';
import { PrioritiesView } from './clusters/priorities.js';
import { SpatialView } from './spatial/spatial-view.js';
import { InputOutputView } from './linkage/io.js';
import { NetworkView } from './linkage/network.js';

export const VIEWS = [RegionProfileView, ClusterView, PrioritiesView, SpatialView, InputOutputView, NetworkView];
