// Page entry: registers <agglo-explorer>. Everything else lives inside the element.
import './components/agglo-explorer.js';
