// The exercise's rnn_cell_forward test from JavaScript with fetch (Node 18+ or a browser): the tensors
// come from the service's NumPy-identical randn, so no NumPy is needed.
// usage: node examples/client.mjs [BASE_URL]
const base = (process.argv[2] ?? 'http://localhost:8080') + '/api/v1';

async function post(path, body) {
  const response = await fetch(base + path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(`${response.status}: ${answer.detail}`);
  return answer;
}

// np.random.seed(1), then randn for xt, a_prev, Waa, Wax, Wya, ba, by, in the exercise's order
const { arrays } = await post('/random/randn', { seed: 1, shapes: [[3, 10], [5, 10], [5, 5], [5, 3], [2, 5], [5, 1], [2, 1]] });
const [xt, a_prev, Waa, Wax, Wya, ba, by] = arrays;
const out = await post('/rnn/cell/forward', { xt, a_prev, parameters: { Waa, Wax, Wya, ba, by } });
console.log('a_next[4] =', out.a_next[4].slice(0, 4));   // [ 0.5958454361396668, 0.18141801524270917, ... ]
if (Math.abs(out.a_next[4][0] - 0.59584544) > 1e-8) throw new Error('unexpected a_next');
