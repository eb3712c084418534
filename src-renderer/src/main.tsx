import { createRoot } from 'react-dom/client';

function App() {
  return <h1>养老服务机构与床位管理</h1>;
}

createRoot(document.getElementById('root')!).render(<App />);
