import { Result, type ResultProps } from 'antd';

// antd's Result, a file of its own: its 403 and 404 pictures are most of its size, and the shell
// every page loads shows it only when something is wrong (app/Layout.tsx; docs/performance.md#web).
export function PageResult(props: ResultProps) {
  return <Result {...props} />;
}
