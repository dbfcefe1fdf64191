import { Result, type ResultProps } from 'antd';

// antd's Result, a file of its own: its 403 and 404 pictures are most of its size, and a page
// shows it only when something is wrong (components/PageResult.tsx; docs/performance.md#web).
export function ResultView(props: ResultProps) {
  return <Result {...props} />;
}
