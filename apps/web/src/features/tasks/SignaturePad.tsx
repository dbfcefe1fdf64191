import { EditOutlined } from '@ant-design/icons';
import { Button, Image, Modal, Space, Typography } from 'antd';
import { type PointerEvent, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../lib/media';

const WIDTH = 480;
const HEIGHT = 160;

/**
 * A canvas to sign on. `size` fixes its drawing resolution; without it the canvas takes the size
 * of its box (the phone's full-screen pad). Reports a PNG data URL after each stroke.
 */
function SignatureCanvas({
  size,
  onStroke,
  canvasRef,
  style,
}: {
  size?: { width: number; height: number };
  onStroke: (dataUrl: string) => void;
  canvasRef: React.RefObject<HTMLCanvasElement | null>;
  style: React.CSSProperties;
}) {
  const { t } = useTranslation('tasks');
  const drawing = useRef(false);
  const inked = useRef(false);
  // Without `size` the drawing resolution is the canvas's layout size (not the on-screen one: the
  // dialog may still be zooming in). It may not be laid out yet when the dialog mounts (no animation
  // for users who asked for reduced motion), so it is fitted again at the first touch.
  const fit = useCallback(
    (c: HTMLCanvasElement) => {
      if (size || inked.current || c.offsetWidth === 0) return;
      if (c.width !== c.offsetWidth || c.height !== c.offsetHeight) {
        c.width = c.offsetWidth;
        c.height = c.offsetHeight;
      }
    },
    [size],
  );
  useLayoutEffect(() => {
    if (canvasRef.current) fit(canvasRef.current);
  }, [fit, canvasRef]);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const c = e.currentTarget;
    const rect = c.getBoundingClientRect();
    return {
      x: ((e.clientX - rect.left) * c.width) / rect.width,
      y: ((e.clientY - rect.top) * c.height) / rect.height,
    };
  };
  const down = (e: PointerEvent<HTMLCanvasElement>) => {
    fit(e.currentTarget);
    const ctx = e.currentTarget.getContext('2d');
    if (!ctx) return;
    inked.current = true;
    e.currentTarget.setPointerCapture(e.pointerId);
    drawing.current = true;
    const p = point(e);
    ctx.lineWidth = size ? 2.5 : 3;
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
    const url = canvasRef.current?.toDataURL('image/png');
    if (url) onStroke(url);
  };
  return (
    <canvas
      ref={canvasRef}
      width={size?.width}
      height={size?.height}
      data-testid="signature-pad"
      aria-label={t('form.signature')}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerLeave={up}
      style={{
        border: '1px dashed #d9d9d9',
        borderRadius: 6,
        background: '#fafafa',
        touchAction: 'none',
        cursor: 'crosshair',
        ...style,
      }}
    />
  );
}

const wipe = (c: HTMLCanvasElement | null) => c?.getContext('2d')?.clearRect(0, 0, c.width, c.height);

/**
 * The customer's signature, given to the form as a PNG data URL (null when blank). On a phone the
 * customer signs on a full-screen pad (a 291×97 box inline was too small to sign on).
 */
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
  const phone = useIsPhone();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<string | null>(null);

  // Cleared from outside (form reset): wipe the canvas too.
  useEffect(() => {
    if (!value && !phone) wipe(canvas.current);
  }, [value, phone]);

  if (phone) {
    return (
      <Space orientation="vertical" size={8} id={id} style={{ width: '100%' }}>
        {value ? (
          <Image
            src={value}
            alt={t('form.signature')}
            preview={false}
            style={{ maxWidth: '100%', border: '1px solid #f0f0f0', borderRadius: 6 }}
            data-testid="signature-preview"
          />
        ) : null}
        <Button
          block
          size="large"
          icon={<EditOutlined />}
          onClick={() => {
            setDraft(null);
            setOpen(true);
          }}
          data-testid="signature-open"
        >
          {value ? t('form.signAgain') : t('form.signStart')}
        </Button>
        <Modal
          open={open}
          onCancel={() => setOpen(false)}
          title={t('form.signatureHint')}
          width="100%"
          centered
          destroyOnHidden
          style={{ top: 0, maxWidth: '100vw', margin: 0, padding: 0 }}
          styles={{
            container: { height: '100dvh', borderRadius: 0, display: 'flex', flexDirection: 'column' },
            body: { flex: 1, display: 'flex', minHeight: 0 },
          }}
          data-testid="signature-dialog"
          footer={
            <Space style={{ width: '100%' }}>
              <Button
                size="large"
                onClick={() => {
                  wipe(canvas.current);
                  setDraft(null);
                }}
                disabled={!draft}
              >
                {t('form.clear')}
              </Button>
              <Button
                size="large"
                type="primary"
                disabled={!draft}
                onClick={() => {
                  onChange?.(draft);
                  setOpen(false);
                }}
                data-testid="signature-done"
              >
                {t('form.signDone')}
              </Button>
            </Space>
          }
        >
          <SignatureCanvas canvasRef={canvas} onStroke={setDraft} style={{ width: '100%', height: '100%' }} />
        </Modal>
      </Space>
    );
  }

  return (
    <Space orientation="vertical" size={4} id={id}>
      <SignatureCanvas
        canvasRef={canvas}
        size={{ width: WIDTH, height: HEIGHT }}
        onStroke={(url) => onChange?.(url)}
        style={{ width: '100%', maxWidth: WIDTH, height: 'auto', aspectRatio: `${WIDTH} / ${HEIGHT}` }}
      />
      <Space>
        <Typography.Text type="secondary">{t('form.signatureHint')}</Typography.Text>
        <Button
          size="small"
          onClick={() => {
            wipe(canvas.current);
            onChange?.(null);
          }}
          disabled={!value}
        >
          {t('form.clear')}
        </Button>
      </Space>
    </Space>
  );
}
