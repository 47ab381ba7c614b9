//! Accepted connections that a handler can abort, so the simulator can drop a
//! connection after doing the work without sending a byte of the answer.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use crate::text::simulator as text;
use axum::extract::connect_info::Connected;
use axum::serve::IncomingStream;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// A TCP listener whose connections can be aborted from a handler.
pub(crate) struct AbortableListener {
    inner: TcpListener,
}

impl AbortableListener {
    pub(crate) fn new(inner: TcpListener) -> Self {
        Self { inner }
    }
}

impl axum::serve::Listener for AbortableListener {
    type Io = AbortableStream;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.inner.accept().await {
                Ok((stream, addr)) => {
                    // Small answers go out at once rather than after Nagle's
                    // delay; failing to set it only costs latency.
                    let _ = stream.set_nodelay(true);
                    return (AbortableStream::new(stream), addr);
                }
                // Out of file descriptors and the like: wait and try again,
                // as axum's own listener does.
                Err(_) => tokio::time::sleep(Duration::from_millis(20)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.inner.local_addr()
    }
}

/// A TCP stream that fails every read and write once aborted, so hyper drops
/// the connection with nothing more sent.
pub(crate) struct AbortableStream {
    inner: TcpStream,
    aborted: Arc<AtomicBool>,
}

impl AbortableStream {
    fn new(inner: TcpStream) -> Self {
        Self {
            inner,
            aborted: Arc::new(AtomicBool::new(false)),
        }
    }

    fn check(&self) -> io::Result<()> {
        if self.aborted.load(Ordering::SeqCst) {
            Err(io::Error::new(
                io::ErrorKind::ConnectionAborted,
                text::CONNECTION_ABORTED,
            ))
        } else {
            Ok(())
        }
    }
}

impl AsyncRead for AbortableStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        this.check()?;
        Pin::new(&mut this.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for AbortableStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        this.check()?;
        Pin::new(&mut this.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        this.check()?;
        Pin::new(&mut this.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        this.check()?;
        Pin::new(&mut this.inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// A handler's grip on its connection (axum connect info).
#[derive(Clone, Debug)]
pub(crate) struct ConnectionHandle {
    aborted: Arc<AtomicBool>,
}

impl ConnectionHandle {
    /// Make the connection fail from now on: whatever the handler returns is
    /// never sent.
    pub(crate) fn abort(&self) {
        self.aborted.store(true, Ordering::SeqCst);
    }
}

impl Connected<IncomingStream<'_, AbortableListener>> for ConnectionHandle {
    fn connect_info(stream: IncomingStream<'_, AbortableListener>) -> Self {
        Self {
            aborted: Arc::clone(&stream.io().aborted),
        }
    }
}
