import { Button, Space, Typography } from 'antd';
import { type PointerEvent, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

const WIDTH = 480;
const HEIGHT = 160;

/** The customer's signature on a canvas, given to the form as a PNG data URL (null when blank). */
export function SignaturePad({
  value,
  onChange,
  id,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
}) {
  const { t } = useTranslation('tasks');
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);

  // Cleared from outside (form reset): wipe the canvas too.
  useEffect(() => {
    if (!value) canvas.current?.getContext('2d')?.clearRect(0, 0, WIDTH, HEIGHT);
  }, [value]);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    return {
      x: ((e.clientX - rect.left) * WIDTH) / rect.width,
      y: ((e.clientY - rect.top) * HEIGHT) / rect.height,
    };
  };
  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    const ctx = e.currentTarget.getContext('2d');
    if (!ctx) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    const p = point(e);
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#1f1f1f';
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
    ctx.lineTo(p.x + 0.1, p.y + 0.1);
    ctx.stroke();
  };
  const move = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const ctx = e.currentTarget.getContext('2d');
    if (!ctx) return;
    const p = point(e);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = false;
    onChange?.(canvas.current?.toDataURL('image/png') ?? null);
  };
  const clear = () => {
    canvas.current?.getContext('2d')?.clearRect(0, 0, WIDTH, HEIGHT);
    onChange?.(null);
  };

  return (
    <Space orientation="vertical" size={4} id={id}>
      <canvas
        ref={canvas}
        width={WIDTH}
        height={HEIGHT}
        data-testid="signature-pad"
        aria-label={t('form.signature')}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerLeave={up}
        style={{
          width: '100%',
          maxWidth: WIDTH,
          height: 'auto',
          aspectRatio: `${WIDTH} / ${HEIGHT}`,
          border: '1px dashed #d9d9d9',
          borderRadius: 6,
          background: '#fafafa',
          touchAction: 'none',
          cursor: 'crosshair',
        }}
      />
      <Space>
        <Typography.Text type="secondary">{t('form.signatureHint')}</Typography.Text>
        <Button size="small" onClick={clear} disabled={!value}>
          {t('form.clear')}
        </Button>
      </Space>
    </Space>
  );
}
