// The WebGL network renderer (sigma 3 + graphology), imported lazily by the Network tab so the first
// page load does not pay for it. Positions, communities and sizes come from the core; this only
// draws them and reports clicks.
import Graph from 'graphology';
import Sigma from 'sigma';

/**
 * @param {HTMLElement} container
 * @param {object} net  result of networkAnalyse
 * @param {{colors: string[], onClick: (i: number) => void}} opts
 */
export function createSigma(container, net, { colors, onClick }) {
  const g = new Graph({ type: net.directed ? 'directed' : 'undirected', multi: false, allowSelfLoops: false });
  const maxDeg = net.degree.reduce((a, b) => Math.max(a, b), 1);
  for (let i = 0; i < net.nNodes; i++) {
    g.addNode(String(i), {
      x: net.x[i],
      y: net.y[i],
      label: net.labels[i],
      size: 2 + 8 * Math.sqrt(net.degree[i] / maxDeg),
      color: colors[i],
    });
  }
  for (let k = 0; k < net.edgeSource.length; k++) {
    const a = String(net.edgeSource[k]);
    const b = String(net.edgeTarget[k]);
    if (!g.hasEdge(a, b)) g.addEdge(a, b, { size: 0.5, color: '#c8c8c8' });
  }
  let selected = null;
  let matches = null;
  const renderer = new Sigma(g, container, {
    // A window resize while another tab is shown would otherwise throw on the detached container.
    allowInvalidContainer: true,
    renderEdgeLabels: false,
    labelRenderedSizeThreshold: 9,
    nodeReducer: (node, data) => {
      const i = Number(node);
      if (i === selected) return { ...data, highlighted: true, size: data.size * 1.8, zIndex: 2, forceLabel: true };
      if (matches && !matches.has(i)) return { ...data, color: '#e4e4e4', label: '' };
      return data;
    },
  });
  renderer.on('clickNode', ({ node }) => onClick(Number(node)));
  return {
    select(i) {
      selected = i;
      renderer.refresh();
      if (i !== null && i !== undefined) {
        const d = renderer.getNodeDisplayData(String(i));
        if (d) renderer.getCamera().animate({ x: d.x, y: d.y, ratio: Math.min(renderer.getCamera().ratio, 0.5) }, { duration: 300 });
      }
    },
    filter(set) {
      matches = set;
      renderer.refresh();
    },
    kill() {
      renderer.kill();
    },
  };
}
